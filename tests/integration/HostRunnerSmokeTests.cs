using DoorController.Core;
using Xunit;

namespace DoorController.Integration;

/// <summary>Proves the host build of the portable sources links into host-only tests.</summary>
public class HostBuildTests
{
    [Fact]
    public void Portable_Crc_Is_Callable_From_Host_Tests()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(System.Text.Encoding.ASCII.GetBytes("123456789")));
    }
}
