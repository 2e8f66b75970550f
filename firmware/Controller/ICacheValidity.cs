using DoorController.Link;

namespace DoorController.Controller
{
    /// <summary>
    /// Whether the offline cache may be trusted right now (docs/time.md): the link knows the installed bundle's
    /// lifetime and how sure the controller is of the time.
    /// </summary>
    public interface ICacheValidity
    {
        CacheValidity Current { get; }
    }
}
