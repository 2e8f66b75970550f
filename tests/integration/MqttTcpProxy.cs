using System.Net;
using System.Net.Sockets;

namespace DoorController.Integration;

/// <summary>
/// A TCP relay between the controller and the broker, so a test can cut the controller's connection the way flaky
/// Wi-Fi does (no MQTT DISCONNECT: the broker publishes the last will) and refuse new connections for a while,
/// without touching the broker or the server's own connection.
/// </summary>
public sealed class MqttTcpProxy : IDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly List<Socket> _open = new();
    private volatile bool _stopped;

    public MqttTcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        new Thread(AcceptLoop) { IsBackground = true, Name = "mqtt-proxy" }.Start();
    }

    public int Port { get; }

    /// <summary>While true, new connections are closed as soon as they arrive (the network is down).</summary>
    public volatile bool Refuse;

    /// <summary>Cuts every relayed connection abruptly (RST), both sides.</summary>
    public void Sever()
    {
        lock (_open)
        {
            foreach (var socket in _open)
            {
                try { socket.LingerState = new LingerOption(true, 0); socket.Close(); } catch (Exception) { }
            }
            _open.Clear();
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _listener.Stop();
        Sever();
    }

    private void AcceptLoop()
    {
        while (!_stopped)
        {
            Socket client;
            try { client = _listener.AcceptSocket(); }
            catch (Exception) { return; }
            if (Refuse)
            {
                client.Close();
                continue;
            }
            var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try { upstream.Connect(IPAddress.Loopback, _targetPort); }
            catch (SocketException)
            {
                client.Close();
                continue;
            }
            lock (_open)
            {
                _open.Add(client);
                _open.Add(upstream);
            }
            Relay(client, upstream);
            Relay(upstream, client);
        }
    }

    private static void Relay(Socket from, Socket to)
    {
        new Thread(() =>
        {
            var buffer = new byte[16384];
            try
            {
                while (true)
                {
                    int n = from.Receive(buffer);
                    if (n <= 0) break;
                    to.Send(buffer, 0, n, SocketFlags.None);
                }
            }
            catch (Exception) { }
            try { to.Shutdown(SocketShutdown.Both); } catch (Exception) { }
        }) { IsBackground = true, Name = "mqtt-proxy-relay" }.Start();
    }
}
