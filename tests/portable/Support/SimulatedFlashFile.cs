using System;
using System.Collections;

namespace DoorController.Tests.Support
{
    internal sealed class SimulatedFlashFile
    {
        public string Name;
        public byte[] Durable = new byte[0];
        public int DurableLength;
        public byte[] View = new byte[0];
        public int ViewLength;
        public int OpenStreams;
        public readonly ArrayList Pending = new ArrayList();

        public SimulatedFlashFile(string name)
        {
            Name = name;
        }

        public void WriteDurable(int offset, byte[] data, int index, int count)
        {
            int end = offset + count;
            if (end > DurableLength)
            {
                DurableLength = PendingFlashChange.Grow(ref Durable, DurableLength, end);
            }
            Array.Copy(data, index, Durable, offset, count);
        }

        public void WriteView(int offset, byte[] data, int index, int count)
        {
            int end = offset + count;
            if (end > ViewLength)
            {
                ViewLength = PendingFlashChange.Grow(ref View, ViewLength, end);
            }
            Array.Copy(data, index, View, offset, count);
            PendingFlashChange change = new PendingFlashChange();
            change.Offset = offset;
            change.Data = new byte[count];
            Array.Copy(data, index, change.Data, 0, count);
            Pending.Add(change);
        }

        public void SetViewLength(int length)
        {
            ViewLength = PendingFlashChange.Grow(ref View, ViewLength, length);
            PendingFlashChange change = new PendingFlashChange();
            change.NewLength = length;
            Pending.Add(change);
        }

        public void CommitView()
        {
            Durable = new byte[View.Length];
            Array.Copy(View, Durable, ViewLength);
            DurableLength = ViewLength;
            Pending.Clear();
        }

        public void ResetViewToDurable()
        {
            View = new byte[Durable.Length];
            Array.Copy(Durable, View, DurableLength);
            ViewLength = DurableLength;
        }
    }
}
