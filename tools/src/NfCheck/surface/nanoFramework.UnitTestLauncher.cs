// Assembly nanoFramework.UnitTestLauncher of nanoFramework.TestFramework 3.0.77: the device-side runner that loads NFUnitTest. Not listed in nanoframework-api.md, so
// nothing is declared: device code cannot use it directly, but projects whose references need it list it (deployment
// and the metadata processor need every assembly a referenced assembly references).
