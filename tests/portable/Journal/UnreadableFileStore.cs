using System.IO;
using DoorController.Hal;

namespace DoorController.Tests.Journal
{
    /// <summary>Wraps a store and fails every Open of one file name (a damaged or locked file).</summary>
    public sealed class UnreadableFileStore : IFileStore
    {
        private readonly IFileStore _inner;
        private readonly string _unreadable;

        public UnreadableFileStore(IFileStore inner, string unreadable)
        {
            _inner = inner;
            _unreadable = unreadable;
        }

        public Stream Open(string name, bool create)
        {
            if (name == _unreadable)
            {
                throw new IOException("cannot open " + name);
            }
            return _inner.Open(name, create);
        }

        public string[] List(string prefix)
        {
            return _inner.List(prefix);
        }

        public void Delete(string name)
        {
            _inner.Delete(name);
        }

        public void Replace(string sourceName, string targetName)
        {
            _inner.Replace(sourceName, targetName);
        }
    }
}
