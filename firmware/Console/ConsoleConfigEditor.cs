using DoorController.Config;

namespace DoorController.Provisioning
{
    /// <summary>
    /// The console's view of the configuration. Every change is made on a copy, validated and saved atomically
    /// as a whole; only then does the copy become current. A rejected change leaves both flash and memory as
    /// they were. Saved changes take effect at the next boot.
    /// </summary>
    public sealed class ConsoleConfigEditor
    {
        private readonly ConfigStore _store;

        public ConsoleConfigEditor(ConfigStore store, ControllerConfig current)
        {
            _store = store;
            Current = current;
        }

        public ControllerConfig Current { get; private set; }

        /// <summary>True once a change was saved since boot (it applies after a reboot).</summary>
        public bool ChangedSinceBoot { get; private set; }

        /// <summary>Number of saves since boot; lets the session tell whether a command changed anything.</summary>
        public int SaveCount { get; private set; }

        /// <summary>A copy to change; pass it to <see cref="Commit"/>.</summary>
        public ControllerConfig Draft()
        {
            return Current.Clone();
        }

        /// <summary>Validates and saves <paramref name="draft"/>; replies ok or error: with the reason.</summary>
        public bool Commit(ControllerConfig draft, ConsoleReply reply)
        {
            string error;
            if (!_store.TrySave(draft, out error))
            {
                reply.Error(error);
                return false;
            }
            Current = draft;
            ChangedSinceBoot = true;
            SaveCount++;
            reply.Ok();
            return true;
        }

        /// <summary>Erases the stored configuration and returns to defaults (factory reset).</summary>
        public bool TryEraseAll(out string error)
        {
            if (!_store.TryErase(out error))
            {
                return false;
            }
            Current = new ControllerConfig();
            ChangedSinceBoot = true;
            return true;
        }
    }
}
