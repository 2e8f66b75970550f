using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Delivers routed notifications (Fig 9B) off the request path: MQTT targets are topics (one per terminal,
    /// e.g. the guard's or the inviter's terminal), webhook targets are URLs that receive the JSON by POST.
    /// A failing webhook is retried a few times and then given up; it never delays a door decision.
    /// </summary>
    public sealed class NotificationRouter : IDisposable
    {
        public const int WebhookAttempts = 3;
        private readonly BlockingCollection<(string Channel, string Target, string Json)> _queue = new BlockingCollection<(string, string, string)>(10000);
        private readonly HttpClient _http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        private readonly Thread _worker;
        private long _delivered;
        private long _failed;

        public NotificationRouter()
        {
            _worker = new Thread(Run) { IsBackground = true, Name = "notifications" };
            _worker.Start();
        }

        public IMessagePublisher Publisher { get; set; } = new NullPublisher();

        public long Delivered => Interlocked.Read(ref _delivered);
        public long Failed => Interlocked.Read(ref _failed);

        public void Enqueue(string channel, string target, object payload)
        {
            _queue.TryAdd((channel, target, JsonSerializer.Serialize(payload)));
        }

        private void Run()
        {
            foreach (var item in _queue.GetConsumingEnumerable())
            {
                bool ok = item.Channel == "mqtt" ? Publisher.Publish(item.Target, item.Json) : PostWebhook(item.Target, item.Json);
                Interlocked.Increment(ref ok ? ref _delivered : ref _failed);
            }
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
