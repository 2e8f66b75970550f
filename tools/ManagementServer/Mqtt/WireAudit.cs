using System;
using System.Collections.Concurrent;
using DoorController.Server.Services;

namespace DoorController.Server.Mqtt
{
    /// <summary>
    /// Counts every message the server refuses on the wire — forged (MAC missing or wrong, unknown controller),
    /// replayed (nonce not fresh), a controller's clock claim far from the server's, refusals a controller reports
    /// — and raises an alert for each kind and controller, at most once per <see cref="AlertIntervalMilliseconds"/>,
    /// so an attacker flooding forgeries gets the operator's attention without writing a row per forgery.
    /// </summary>
    public sealed class WireAudit
    {
        public const string Forged = "forged-message";
        public const string Replayed = "replayed-message";
        public const string ClockSkew = "clock-skew";
        public const string ControllerRefusal = "controller-refusal";
        public const long AlertIntervalMilliseconds = 60_000;

        private readonly ServerServices _s;
        private readonly ConcurrentDictionary<string, long> _counts = new ConcurrentDictionary<string, long>();
        private readonly ConcurrentDictionary<string, long> _lastAlert = new ConcurrentDictionary<string, long>();

        public WireAudit(ServerServices services)
        {
            _s = services;
        }

        /// <summary>How many refusals of <paramref name="kind"/> since the server started.</summary>
        public long Count(string kind) => _counts.TryGetValue(kind, out long n) ? n : 0;

        /// <param name="deviceId">The controller the message claimed to be from; null when that id is not registered
        /// (then the alert names no controller, and one alert covers every unknown id).</param>
        public void Record(string kind, string deviceId, string message)
        {
            _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
            long now = _s.Context.NowMs;
            string key = kind + "|" + (deviceId ?? "*");
            long last = _lastAlert.GetOrAdd(key, long.MinValue);
            if (last != long.MinValue && now - last < AlertIntervalMilliseconds) return;
            if (!_lastAlert.TryUpdate(key, now, last)) return; // another thread raised it
            Console.Error.WriteLine(kind + ": " + message);
            try
            {
                _s.Alerts.Raise(kind, kind == ClockSkew ? "medium" : "high", null, deviceId, null, null, message);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("could not raise the " + kind + " alert: " + e.Message);
            }
        }
    }
}
