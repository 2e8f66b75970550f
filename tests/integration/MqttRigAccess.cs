using DoorController.Link;
using DoorController.Link.Bundles;
using DoorController.Contract;

namespace DoorController.Integration;

/// <summary>Access-layer and door stand-in: local decisions, store reloads, delta merge by appending, commands.</summary>
public sealed class MqttRigAccess : ILocalDecider, ICacheStore, ICommandHandler, INotificationSink
{
    public int LocalDecisions;
    public int Reloads;
    public List<string> Executed { get; } = new();
    public List<string> Shown { get; } = new();
    public string Mode { get; private set; } = "normal";
    public string DoorState => "closed";
    public string LockState => "locked";
    public string? Door2State => null;
    public string? Lock2State => null;
    public string? Mode2 => null;
    public int DoorId => 0;
    public int Door2Id => 0;

    public LinkDecision DecideLocally(DecisionQuery query)
    {
        LocalDecisions++;
        return new LinkDecision(true, "local-grant", 3000);
    }

    public void ReleaseStore() { }
    public void StoreReplaced(BundleInfo installed) => Reloads++;

    public IInPlaceInstall InPlace
    {
        get { return null; }
    }

    public bool MergeDelta(Stream installedBody, int installedLength, Stream delta, int deltaLength, byte contentType, Stream output)
    {
        CopyExactly(installedBody, installedLength, output);
        CopyExactly(delta, deltaLength, output);
        return true;
    }

    public bool Execute(CommandMessage command, out string error)
    {
        Executed.Add(command.Command);
        if (command.Command == "lockdown") Mode = "lockdown";
        if (command.Command == "release") Mode = "released";
        error = null!;
        return true;
    }

    public void Show(Notification notification) => Shown.Add(notification.Text);

    private static void CopyExactly(Stream from, int length, Stream to)
    {
        var buffer = new byte[4096];
        while (length > 0)
        {
            int n = from.Read(buffer, 0, Math.Min(buffer.Length, length));
            if (n <= 0) return;
            to.Write(buffer, 0, n);
            length -= n;
        }
    }
}
