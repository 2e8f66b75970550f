using DoorController.Access;
using DoorController.Contract;

namespace DoorController.Journal
{
    /// <summary>
    /// What the journal needs from the board's flash plan (<see cref="BoardFlash"/>): the bytes it stores per offline
    /// grant, measured by encoding a typical one the way <see cref="EventJournal"/> stores it. Every plan on the
    /// controller and on the server comes through <see cref="Plan"/>, so a change of the journal record moves the
    /// journal's share of a 4 MB board, and the cache's, everywhere at once.
    /// </summary>
    public static class JournalBudget
    {
        /// <summary>The flash plan of a board of <paramref name="flashMegabytes"/> MB, or null when there is none.</summary>
        public static BoardFlash Plan(int flashMegabytes)
        {
            return BoardFlash.For(flashMegabytes, BytesPerOfflineGrant());
        }

        /// <summary>Bytes one journalled offline grant typically takes: compact framing and CRC plus its payload (the
        /// journal keeps the credential hash's first bytes only, docs/journal.md).</summary>
        public static int BytesPerOfflineGrant()
        {
            PayloadWriter writer = new PayloadWriter(new byte[256]); // a grant's payload is far shorter than the journal's longest

            TypicalOfflineGrant().Encode(writer);
            return RecordFormat.TypicalStoredBytes(writer.Length);
        }

        /// <summary>What the controller journals for an offline grant (Controller.AccessFlow): a six-digit user number,
        /// a reader number, the 16-byte credential hash (of which the journal keeps the first 7 bytes).</summary>
        public static AccessDecisionEvent TypicalOfflineGrant()
        {
            AccessDecisionEvent e = new AccessDecisionEvent();
            e.Allowed = true;
            e.Direction = 1;
            e.PendingRetro = true;
            e.UserId = "104233";
            e.ReaderId = "12";
            e.Method = (int)CredentialMethod.Nfc;
            e.CredentialHash = new byte[16];
            for (int i = 0; i < 16; i++)
            {
                e.CredentialHash[i] = (byte)(i * 37 + 11);
            }
            return e;
        }
    }
}
