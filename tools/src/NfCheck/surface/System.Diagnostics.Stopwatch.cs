// Assembly System.Diagnostics.Stopwatch of nanoFramework.System.Diagnostics.Stopwatch 1.2.862: Stopwatch and DelayHelper, used by the Mfrc522 binding. Not listed in nanoframework-api.md, so
// nothing is declared: device code cannot use it directly, but projects whose references need it list it (deployment
// and the metadata processor need every assembly a referenced assembly references).
