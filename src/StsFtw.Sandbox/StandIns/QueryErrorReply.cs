using System.Xml.Linq;

namespace StsFtw.Sandbox.StandIns;

/// <summary>The error document AWS Query-protocol services (STS, SNS) answer with, in the service's own namespace.</summary>
internal static class QueryErrorReply
{
    public static StandInReply Create(XNamespace ns, int status, string code, string message)
    {
        var document = new XElement(ns + "ErrorResponse",
            new XElement(ns + "Error",
                new XElement(ns + "Type", status >= 500 ? "Receiver" : "Sender"),
                new XElement(ns + "Code", code),
                new XElement(ns + "Message", message)),
            new XElement(ns + "RequestId", Guid.NewGuid()));
        return new StandInReply(status, "text/xml", document.ToString(SaveOptions.DisableFormatting));
    }
}
