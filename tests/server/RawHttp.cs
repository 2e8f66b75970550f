using System.Net.Sockets;
using System.Text;

namespace DoorController.ServerTests;

/// <summary>
/// HTTP/1.1 over a plain socket, for requests a well-behaved client would normalise away: a path sent byte for
/// byte (percent-encoded letters, odd case), a body that is not valid UTF-8, a chosen Origin header.
/// </summary>
public static class RawHttp
{
    public sealed record Response(int Status, Dictionary<string, string> Headers, string Body);

    public static Response Send(string baseUrl, string method, string rawPath, IDictionary<string, string>? headers = null, byte[]? body = null)
    {
        var uri = new Uri(baseUrl);
        using var tcp = new TcpClient();
        tcp.ReceiveTimeout = 10_000;
        tcp.SendTimeout = 10_000;
        tcp.Connect(uri.Host, uri.Port);
        using var stream = tcp.GetStream();
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(rawPath).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(uri.Host).Append(':').Append(uri.Port).Append("\r\n");
        head.Append("Connection: close\r\n");
        foreach (var h in headers ?? new Dictionary<string, string>()) head.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
        if (body != null || method is "POST" or "PUT" or "PATCH" or "DELETE") head.Append("Content-Length: ").Append(body?.Length ?? 0).Append("\r\n");
        head.Append("\r\n");
        byte[] headBytes = Encoding.ASCII.GetBytes(head.ToString());
        stream.Write(headBytes);
        if (body != null) stream.Write(body);
        var all = new MemoryStream();
        stream.CopyTo(all);
        byte[] raw = all.ToArray();
        // Headers are ASCII; the body is decoded as UTF-8 after de-chunking (chunk sizes count bytes, not characters).
        int end = IndexOf(raw, "\r\n\r\n"u8);
        string[] lines = Encoding.ASCII.GetString(raw, 0, end < 0 ? raw.Length : end).Split("\r\n");
        var parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            if (colon > 0) parsed[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        byte[] body2 = end < 0 ? Array.Empty<byte>() : raw[(end + 4)..];
        if (parsed.TryGetValue("Transfer-Encoding", out string? te) && te.Contains("chunked")) body2 = Dechunk(body2);
        string payload = Encoding.UTF8.GetString(body2);
        return new Response(int.Parse(lines[0].Split(' ')[1]), parsed, payload);
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> pattern) => data.AsSpan().IndexOf(pattern);

    private static byte[] Dechunk(byte[] chunked)
    {
        var body = new MemoryStream();
        int i = 0;
        while (i < chunked.Length)
        {
            int eol = chunked.AsSpan(i).IndexOf("\r\n"u8);
            if (eol < 0) break;
            int size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, i, eol).Split(';')[0], 16);
            if (size == 0) break;
            body.Write(chunked, i + eol + 2, size);
            i += eol + 2 + size + 2;
        }
        return body.ToArray();
    }
}
