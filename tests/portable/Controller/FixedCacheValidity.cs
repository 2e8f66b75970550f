using DoorController.Controller;
using DoorController.Link;

namespace DoorController.Tests.Controller
{
    /// <summary>A cache validity the test sets (the link computes it on the controller).</summary>
    public sealed class FixedCacheValidity : ICacheValidity
    {
        public CacheValidity Value = CacheValidity.Valid;

        public CacheValidity Current
        {
            get { return Value; }
        }
    }
}
