using System.IO;
using System.Reflection;

namespace DoorController.Server.Api
{
    /// <summary>The hand-written OpenAPI 3.1 document (wwwroot/openapi.json, embedded). x-role on each operation
    /// names the least role that may call it; AuthGate enforces the same rule.</summary>
    public static class OpenApiDocument
    {
        public static readonly string Json = Load();

        private static string Load()
        {
            using (Stream s = Assembly.GetExecutingAssembly().GetManifestResourceStream("wwwroot/openapi.json"))
            using (var r = new StreamReader(s))
            {
                return r.ReadToEnd();
            }
        }
    }
}
