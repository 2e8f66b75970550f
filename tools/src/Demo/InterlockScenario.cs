using DoorController.Server.Services;

namespace DoorController.Demo;

/// <summary>Scenario 18: the interlock (mantrap) of the server room's sally port, one controller driving both doors.</summary>
public sealed partial class Scenarios
{
    private (bool, string) Interlock()
    {
        const string ivyCard = "04171717";
        string ivy = S.Users.Register(new UserInput("Ivy (system administrator)", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", ivyCard) }, new List<PermissionInput>()));
        var (outerDoor, _) = _site.StartSallyPort(ivy, _t);
        var vc = _site["sallyport"];
        WaitUntil(() => vc.Inspect(app => app.Link.IsOnline && app.Cache.Version > 0), TimeSpan.FromSeconds(15));
        _t.Step("admin", "sally port: outer and inner door on one controller, interlock on (`set interlock on`)");

        S.Commands.Issue(_site.SallyPort, outerDoor, "unlock", "admin");
        bool outerUnlocked = WaitUntil(() => vc.IsUnlocked(1), TimeSpan.FromSeconds(5));
        vc.OpenDoor(1);
        WaitUntil(() => vc.Inspect(app => app.Door.IsOpen), TimeSpan.FromSeconds(2));
        _t.Step("Ivy", "enters the sally port through the outer door (remote unlock) and holds it open");
        string whileOpen = InnerCard(vc, ivyCard);
        bool innerStayedLocked = !vc.IsUnlocked(2);

        vc.CloseDoor(1);
        WaitUntil(() => !vc.Inspect(app => app.Door.IsOpen) && !vc.IsUnlocked(1), TimeSpan.FromSeconds(6));
        _t.Step("Ivy", "closes the outer door behind her");
        string afterClose = InnerCard(vc, ivyCard);
        bool innerOpened = WaitUntil(() => vc.IsUnlocked(2), TimeSpan.FromSeconds(2));

        vc.PressExit(1);
        Thread.Sleep(150);
        vc.ReleaseExit(1);
        Thread.Sleep(150);
        bool outerHeld = !vc.IsUnlocked(1);
        _t.Step("visitor", "presses the outer door's exit button while the inner door is unlocked → " + (outerHeld ? "refused, stays locked" : "UNLOCKED"));
        bool ok = outerUnlocked && whileOpen == "denied (interlock, online)" && innerStayedLocked && Granted(afterClose) && innerOpened && outerHeld;
        return (ok, ok ? "the inner door refuses Ivy (reason interlock) while the outer door is open and opens once it is closed; the outer exit button is refused while the inner door is unlocked"
            : "outerUnlocked=" + outerUnlocked + " whileOpen=" + whileOpen + " innerLocked=" + innerStayedLocked + " afterClose=" + afterClose + " innerOpened=" + innerOpened + " outerHeld=" + outerHeld);
    }

    /// <summary>A card at the inner door's NFC reader; the outcome as the controller logged it.</summary>
    private string InnerCard(DoorController.Hal.Host.Virtual.VirtualController vc, string card)
    {
        int before = vc.Inspect(app => app.Flow.Decisions);
        vc.PresentCard(card);
        WaitUntil(() => vc.Inspect(app => app.Flow.Decisions) > before, TimeSpan.FromSeconds(8));
        string outcome = vc.Inspect(app => app.Flow.LastOutcome) ?? "no decision";
        _t.Step("Ivy", "card at the inner door → " + outcome);
        return outcome;
    }
}
