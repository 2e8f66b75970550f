using System;
using System.IO;
using System.Text.Json;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// The garbage collector doorctl-server runs with, as its runtimeconfig.json gives it to the runtime
/// (tools/ManagementServer/ServerRuntime.props): the workstation collector with background collections, the one
/// tools/bench measures, not the Web SDK's default server collector.
/// </summary>
public sealed class ServerRuntimeTests
{
    [Fact]
    public void The_Server_Runs_The_Workstation_Collector_The_Benchmarks_Measure()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "doorctl-server.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var settings = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(settings.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(settings.GetProperty("System.GC.Concurrent").GetBoolean());
    }
}
