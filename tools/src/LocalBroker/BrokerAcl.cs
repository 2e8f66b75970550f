namespace DoorController.LocalBroker;

/// <summary>One dynamic-security ACL entry: its type (publishClientSend, publishClientReceive, subscribeLiteral,
/// subscribePattern, ...), the topic or filter, and allow or deny.</summary>
public sealed record BrokerAcl(string Type, string Topic, bool Allow = true)
{
    public const string PublishSend = "publishClientSend";
    public const string PublishReceive = "publishClientReceive";
    public const string SubscribeLiteral = "subscribeLiteral";
    public const string SubscribePattern = "subscribePattern";
}
