using System;
using DoorController.Door;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Door
{
    /// <summary>
    /// The interlock's hard guarantee at the door layer: two doors of one controller never have their relays
    /// released together, whatever releases them (grants, REX, release mode, office mode) and however the contacts
    /// move, including a grant that arrives after the other door opened.
    /// </summary>
    [TestClass]
    public class InterlockDoorTests
    {
        [TestMethod]
        public void A_Grant_While_The_Other_Door_Is_Open_Is_Refused_And_Granted_Once_It_Closes()
        {
            InterlockRig rig = new InterlockRig();
            Assert.IsTrue(rig.Machine[0].Grant(1, 0, false));
            rig.Open(0);
            Assert.IsFalse(rig.Machine[1].Grant(2, 0, false), "door 1 is open: door 2 must not unlock");
            rig.Run(100);
            Assert.IsFalse(rig.Unlocked(1));
            Assert.AreEqual(1, rig.Count(1, DoorEventKind.GrantRefused, DoorStateMachine.RefusedByInterlock));
            rig.Close(0);
            rig.Run(6000); // door 1's grant ends (relock on close) and its relay is locked
            Assert.IsFalse(rig.Unlocked(0));
            Assert.IsTrue(rig.Machine[1].Grant(3, 0, false));
            rig.Run(20);
            Assert.IsTrue(rig.Unlocked(1));
            Assert.IsFalse(rig.BothEverReleased);
        }

        [TestMethod]
        public void A_Grant_While_The_Other_Door_Is_Unlocked_But_Closed_Is_Refused()
        {
            InterlockRig rig = new InterlockRig();
            rig.Machine[0].Grant(1, 0, false);
            rig.Run(20);
            Assert.IsTrue(rig.Unlocked(0));
            Assert.IsFalse(rig.Machine[1].Grant(2, 0, false), "door 1's lock is released: door 2 waits");
            rig.Run(20);
            Assert.IsFalse(rig.Unlocked(1));
        }

        [TestMethod]
        public void A_Grant_Decided_Before_The_Other_Door_Opened_Does_Not_Release_When_It_Arrives_After()
        {
            InterlockRig rig = new InterlockRig();
            // The decision for door 2 is asked now (door 1 closed and locked); before the answer comes back, someone
            // leaves through door 1 with its exit button.
            rig.PressExit(0);
            rig.Contact[0].Level = true; // opened, not yet debounced: the answer arrives within the same tick
            Assert.IsFalse(rig.Machine[1].Grant(7, 0, false));
            rig.Run(200);
            Assert.IsFalse(rig.Unlocked(1));
            Assert.AreEqual(1, rig.Count(1, DoorEventKind.GrantRefused, DoorStateMachine.RefusedByInterlock));
            Assert.IsFalse(rig.BothEverReleased);
        }

        [TestMethod]
        public void An_Exit_Press_While_The_Other_Door_Is_Open_Is_Refused_And_Opening_Anyway_Is_Forced()
        {
            InterlockRig rig = new InterlockRig();
            rig.Machine[0].Grant(1, 0, false);
            rig.Open(0);
            rig.PressExit(1);
            Assert.IsFalse(rig.Unlocked(1));
            Assert.AreEqual(1, rig.Count(1, DoorEventKind.ExitRefused, -1));
            rig.Open(1);
            Assert.AreEqual(1, rig.Count(1, DoorEventKind.Forced, -1), "no exit window was opened by the refused press");
        }

        [TestMethod]
        public void A_Released_Door_Waits_While_The_Other_Is_Open_And_Then_Keeps_The_Other_Locked()
        {
            InterlockRig rig = new InterlockRig();
            rig.Open(1); // forced
            rig.Machine[0].SetMode(DoorMode.Release);
            rig.Run(100);
            Assert.IsFalse(rig.Unlocked(0), "release waits for door 2 to close");
            rig.Close(1);
            Assert.IsTrue(rig.Unlocked(0));
            Assert.IsFalse(rig.Machine[1].Grant(1, 0, false));
            rig.PressExit(1);
            Assert.IsFalse(rig.Unlocked(1));
            Assert.IsFalse(rig.BothEverReleased);
        }

        [TestMethod]
        public void An_Unlock_Running_When_The_Other_Door_Is_Forced_Relocks_At_Once()
        {
            InterlockRig rig = new InterlockRig();
            rig.Machine[0].Grant(1, 10000, false);
            rig.Run(20);
            Assert.IsTrue(rig.Unlocked(0));
            rig.Contact[1].Level = true; // door 2 forced: its raw contact counts from its next tick, before any debounce
            rig.Run(20);
            Assert.IsFalse(rig.Unlocked(0));
        }

        [TestMethod]
        public void Office_Mode_Is_Not_Held_At_An_Interlocked_Door()
        {
            InterlockRig rig = new InterlockRig();
            Assert.IsTrue(rig.Machine[0].Grant(1, 0, false));
            Assert.IsFalse(rig.Machine[0].HoldForOfficeMode(3600000));
            Assert.IsFalse(rig.Machine[0].InOfficeMode);
        }

        [TestMethod]
        public void A_Relay_Write_That_Throws_Counts_As_Released_For_The_Other_Door()
        {
            InterlockRig rig = new InterlockRig();
            rig.Machine[0].Grant(1, 0, false);
            rig.Run(20);
            rig.Relay[0].ThrowOnWrite = true; // stuck: its relock cannot be confirmed
            rig.Run(6000);
            Assert.IsTrue(rig.Driver[0].RelayReleased);
            Assert.IsFalse(rig.Machine[1].Grant(2, 0, false));
        }

        [TestMethod]
        public void Seeded_Random_Sequences_Never_Release_Both_Relays()
        {
            for (int seed = 1; seed <= 12; seed++)
            {
                InterlockRig rig = new InterlockRig();
                Random random = new Random(seed);
                int grants = 0;
                for (int step = 0; step < 1500; step++)
                {
                    int door = random.Next(2);
                    switch (random.Next(9))
                    {
                        case 0:
                        case 1:
                            rig.Machine[door].Grant(++grants, random.Next(8000), random.Next(4) == 0);
                            break;
                        case 2:
                            rig.ExitButton[door].Level = !rig.ExitButton[door].Level;
                            break;
                        case 3:
                        case 4:
                            rig.Contact[door].Level = !rig.Contact[door].Level; // a passage, or a forced door
                            break;
                        case 5:
                            rig.Machine[door].SetMode(random.Next(3) == 0 ? DoorMode.Release : DoorMode.Normal);
                            break;
                        case 6:
                            rig.Machine[door].SetMode(random.Next(5) == 0 ? DoorMode.Lockdown : DoorMode.Normal);
                            break;
                        case 7:
                            rig.Machine[door].HoldForOfficeMode(60000);
                            break;
                        default:
                            break;
                    }
                    rig.Run(10 * (1 + random.Next(40)));
                    rig.Count(0, DoorEventKind.None, -1);
                    rig.Count(1, DoorEventKind.None, -1);
                }
                Assert.IsFalse(rig.BothEverReleased, "seed " + seed + ": both relays were released together");
            }
        }
    }
}
