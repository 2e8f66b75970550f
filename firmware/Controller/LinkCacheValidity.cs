using DoorController.Link;

namespace DoorController.Controller
{
    /// <summary>The link's view of the cache lifetime, handed to the offline decider.</summary>
    public sealed class LinkCacheValidity : ICacheValidity
    {
        private LinkController _link;

        /// <summary>The link is created after the decider it serves; until then the cache counts as not valid.</summary>
        public void Attach(LinkController link)
        {
            _link = link;
        }

        public CacheValidity Current
        {
            get { return _link == null ? CacheValidity.None : _link.OfflineValidity; }
        }
    }
}
