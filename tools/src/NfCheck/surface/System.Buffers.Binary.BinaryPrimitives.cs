// Assembly System.Buffers.Binary.BinaryPrimitives of nanoFramework.System.Buffers.Binary.BinaryPrimitives 1.2.862: byte-order helpers the IoT bindings use. Not listed in nanoframework-api.md, so
// nothing is declared: device code cannot use it directly, but projects whose references need it list it (deployment
// and the metadata processor need every assembly a referenced assembly references).
