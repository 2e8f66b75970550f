using System.Collections;
using DoorController.Hal;

namespace DoorController.Link
{
    /// <summary>
    /// Hand-over from the transport's network thread to the link's tick: the callback only queues (bounded), the
    /// main loop does the work, so no link state is ever touched from two threads.
    /// </summary>
    public sealed class LinkInbox : IMqttMessageListener
    {
        private readonly Queue _queue = new Queue();
        private readonly object _gate = new object();
        private readonly int _capacity;
        private bool _connectionLost;
        private int _dropped;

        public LinkInbox(int capacity)
        {
            _capacity = capacity < 1 ? 1 : capacity;
        }

        /// <summary>Messages dropped because the queue was full (a stalled main loop).</summary>
        public int Dropped
        {
            get { return _dropped; }
        }

        public void OnMessage(string topic, byte[] payload)
        {
            lock (_gate)
            {
                if (_queue.Count >= _capacity)
                {
                    _dropped++;
                    return;
                }
                _queue.Enqueue(new InboundMessage(topic, payload));
            }
        }

        public void OnConnectionLost()
        {
            lock (_gate)
            {
                _connectionLost = true;
            }
        }

        /// <summary>Next message, or null.</summary>
        public InboundMessage Take()
        {
            lock (_gate)
            {
                return _queue.Count == 0 ? null : (InboundMessage)_queue.Dequeue();
            }
        }

        /// <summary>True once per connection loss reported by the transport.</summary>
        public bool TakeConnectionLost()
        {
            lock (_gate)
            {
                bool lost = _connectionLost;
                _connectionLost = false;
                return lost;
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _queue.Clear();
                _connectionLost = false;
            }
        }
    }
}
