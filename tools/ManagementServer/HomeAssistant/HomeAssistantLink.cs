using System;
using System.Collections.Concurrent;
using System.Threading;
using DoorController.LocalBroker;
using DoorController.Server.Services;

namespace DoorController.Server.HomeAssistant
{
    /// <summary>
    /// The server's Home Assistant side on its broker connection (docs/home-assistant.md), on when the server runs
    /// with --home-assistant: commands from the command topics are queued off the network thread and run by
    /// <see cref="HomeAssistantCommands"/>; once a second the leader publishes what changed of the doors
    /// (<see cref="HomeAssistantStates"/>).
    /// </summary>
    public sealed class HomeAssistantLink : IDisposable
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
        private readonly BlockingCollection<(string Door, byte[] Payload)> _commands = new BlockingCollection<(string, byte[])>(1000);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Func<bool> _isLeader;
        private Thread _commandThread, _stateThread;

        public HomeAssistantLink(ServerServices services, string prefix, Func<string, string, bool> publishRetained, Func<string, string, bool> publish, Func<bool> isLeader)
        {
            Commands = new HomeAssistantCommands(services);
            States = new HomeAssistantStates(services, prefix, publishRetained, publish);
            _isLeader = isLeader;
        }

        public HomeAssistantCommands Commands { get; }
        public HomeAssistantStates States { get; }

        /// <summary>The topic filter to subscribe to (each instance's share of it when several run).</summary>
        public static string CommandFilter => HomeAssistantTopics.Command("+");

        /// <summary>On the network thread: takes a message of a command topic (true) or leaves it (false).</summary>
        public bool TryRoute(string topic, byte[] payload)
        {
            string door = HomeAssistantTopics.DoorOfCommand(topic);
            if (door == null) return false;
            if (payload.Length <= 256) _commands.TryAdd((door, payload));
            return true;
        }

        /// <summary>A new broker session: every retained state is published again.</summary>
        public void Reconnected() => States.Reset();

        public void Start()
        {
            _commandThread = new Thread(CommandLoop) { IsBackground = true, Name = "home-assistant-commands" };
            _stateThread = new Thread(StateLoop) { IsBackground = true, Name = "home-assistant-states" };
            _commandThread.Start();
            _stateThread.Start();
        }

        private void CommandLoop()
        {
            try
            {
                foreach (var (door, payload) in _commands.GetConsumingEnumerable(_stop.Token))
                {
                    try { Commands.Handle(door, payload); }
                    catch (Exception e) { Console.Error.WriteLine("home assistant command for door " + door + " dropped: " + e.Message); }
                }
            }
            catch (OperationCanceledException) { }
        }

        private void StateLoop()
        {
            while (!_stop.Token.WaitHandle.WaitOne(Interval))
            {
                if (!_isLeader()) continue;
                try { States.Publish(); }
                catch (Exception e) { Console.Error.WriteLine("home assistant states: " + e.Message); }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _commandThread?.Join(2000);
            _stateThread?.Join(2000);
        }
    }
}
