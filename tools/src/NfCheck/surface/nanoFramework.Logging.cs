// Assembly nanoFramework.Logging of nanoFramework.Logging 1.1.161: the logging the IoT bindings use only in their Debug builds. Not listed in nanoframework-api.md, so
// nothing is declared: device code cannot use it directly, but projects whose references need it list it (deployment
// and the metadata processor need every assembly a referenced assembly references).
