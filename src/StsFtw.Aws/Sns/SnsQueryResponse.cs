using System.Xml;
using System.Xml.Linq;

namespace StsFtw.Aws.Sns;

/// <summary>
/// Reads SNS Query API answers: <c>PublishResponse/PublishResult/MessageId</c> on success,
/// <c>ErrorResponse/Error/{Code,Message}</c> on failure. Elements are matched by local name, so the namespace
/// (or its absence, as some local emulators answer) does not matter.
/// </summary>
internal static class SnsQueryResponse
{
    /// <summary>The published message's id, or null when the answer is not a Publish result.</summary>
    public static string? ReadMessageId(string xml)
    {
        var root = Load(xml);
        var result = root is null ? null : Child(root, "PublishResult");
        var messageId = result is null ? null : Child(result, "MessageId")?.Value.Trim();
        return string.IsNullOrEmpty(messageId) ? null : messageId;
    }

    /// <summary>The error code and message of an error answer; nulls when the body is not one.</summary>
    public static (string? Code, string? Message) ReadError(string xml)
    {
        var root = Load(xml);
        if (root is null) return (null, null);
        var error = root.Name.LocalName == "Error" ? root : Child(root, "Error");
        if (error is null) return (null, null);
        var code = Child(error, "Code")?.Value.Trim();
        var message = Child(error, "Message")?.Value.Trim();
        return (string.IsNullOrEmpty(code) ? null : code, string.IsNullOrEmpty(message) ? null : message);
    }

    private static XElement? Child(XElement parent, string localName)
    {
        foreach (var element in parent.Elements())
        {
            if (element.Name.LocalName == localName) return element;
        }
        return null;
    }

    private static XElement? Load(string xml)
    {
        if (string.IsNullOrWhiteSpace(xml)) return null;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = SnsHttpClientFactory.MaximumResponseBytes,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(reader).Root;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
