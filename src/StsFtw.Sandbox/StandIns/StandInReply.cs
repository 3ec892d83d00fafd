namespace StsFtw.Sandbox.StandIns;

/// <summary>An answer: status, content type and body.</summary>
public sealed record StandInReply(int Status, string ContentType, string Body);
