// Assembly Iot.Device.Ultralight of nanoFramework.Iot.Device.Card 1.2.937: the MIFARE Ultralight card class (Mfrc522 references it). Not listed in nanoframework-api.md, so
// nothing is declared: device code cannot use it directly, but projects whose references need it list it (deployment
// and the metadata processor need every assembly a referenced assembly references).
