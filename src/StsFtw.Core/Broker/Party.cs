namespace StsFtw.Core.Broker;

/// <summary>Which of the two people a refusal concerns.</summary>
public enum Party
{
    /// <summary>The person asking for credentials.</summary>
    Primary,

    /// <summary>The co-signer.</summary>
    Secondary,
}
