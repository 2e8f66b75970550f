using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DoorController.Contract;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Delivers routed notifications (Fig 9B) off the request path: MQTT targets are topics (one per terminal,
    /// e.g. the guard's or the inviter's terminal), webhook targets are URLs that receive the JSON by POST.
    /// A target that is a controller's own notify topic (dc/v1/dev/&lt;id&gt;/notify) gets the protocol's
    /// <see cref="Notification"/> for its door terminal instead, sealed with that controller's notify key: the
    /// controller shows nothing unsigned. A failing webhook is retried a few times and then given up; it never delays
    /// a door decision.
    /// </summary>
    public sealed class NotificationRouter : IDisposable
    {
        public const int WebhookAttempts = 3;
        private const string DevicePrefix = LinkTopics.Root + "/dev/";
        private const string NotifySuffix = "/notify";
        private readonly BlockingCollection<(string Channel, string Target, string Json, string Text)> _queue = new BlockingCollection<(string, string, string, string)>(10000);
        private readonly DeviceKeyring _keyring;
        private readonly ServerContext _ctx;
        /// <summary>Last "issued-ms" per controller (worker thread only): strictly increasing, as the controller requires.</summary>
        private readonly System.Collections.Generic.Dictionary<string, long> _lastIssued = new System.Collections.Generic.Dictionary<string, long>();
        private readonly HttpClient _http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        private readonly Thread _worker;
        private long _delivered;
        private long _failed;

        public NotificationRouter(DeviceKeyring keyring, ServerContext ctx)
        {
            _keyring = keyring;
            _ctx = ctx;
            _worker = new Thread(Run) { IsBackground = true, Name = "notifications" };
            _worker.Start();
        }

        public IMessagePublisher Publisher { get; set; } = new NullPublisher();

        public long Delivered => Interlocked.Read(ref _delivered);
        public long Failed => Interlocked.Read(ref _failed);

        /// <summary>Queues one notification; <paramref name="text"/> is what a door terminal displays.</summary>
        public void Enqueue(string channel, string target, object payload, string text)
        {
            _queue.TryAdd((channel, target, JsonSerializer.Serialize(payload), text));
        }

        private void Run()
        {
            foreach (var item in _queue.GetConsumingEnumerable())
            {
                bool ok = item.Channel != "mqtt" ? PostWebhook(item.Target, item.Json)
                    : IsControllerNotifyTopic(item.Target, out string device) ? PublishToDoor(device, item.Target, item.Text)
                    : Publisher.Publish(item.Target, item.Json);
                Interlocked.Increment(ref ok ? ref _delivered : ref _failed);
            }
        }

        /// <summary>True for dc/v1/dev/&lt;id&gt;/notify with a valid device id (a door terminal).</summary>
        public static bool IsControllerNotifyTopic(string topic, out string device)
        {
            device = null;
            if (!topic.StartsWith(DevicePrefix, StringComparison.Ordinal) || !topic.EndsWith(NotifySuffix, StringComparison.Ordinal)) return false;
            device = topic.Substring(DevicePrefix.Length, topic.Length - DevicePrefix.Length - NotifySuffix.Length);
            return LinkTopics.IsValidDeviceId(device);
        }

        private bool PublishToDoor(string device, string topic, string text)
        {
            WireKeys keys = _keyring.Find(device);
            if (keys == null) return false;
            text ??= "";
            long issued = _lastIssued.TryGetValue(device, out long last) ? Math.Max(_ctx.NowMs, last + 1) : _ctx.NowMs;
            _lastIssued[device] = issued;
            var notification = new Notification
            {
                Text = text.Length > Notification.MaxTextLength ? text.Substring(0, Notification.MaxTextLength) : text,
                Tone = "alarm",
                DurationMilliseconds = 5000,
                IssuedMilliseconds = issued,
            };
            return Publisher.Publish(topic, Encoding.UTF8.GetString(keys.Seal(topic, notification.ToJson())));
        }

        private bool PostWebhook(string url, string json)
        {
            for (int attempt = 0; attempt < WebhookAttempts; attempt++)
            {
                try
                {
                    using (var content = new StringContent(json, Encoding.UTF8, "application/json"))
                    using (var response = _http.PostAsync(url, content).GetAwaiter().GetResult())
                    {
                        if (response.IsSuccessStatusCode) return true;
                    }
                }
                catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException)
                {
                }
                Thread.Sleep(200 * (attempt + 1));
            }
            return false;
        }

        public void Dispose()
        {
            _queue.CompleteAdding();
            _worker.Join(2000);
            _http.Dispose();
        }
    }
}
