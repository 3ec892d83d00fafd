namespace StsFtw.Testing.Load;

/// <summary>Why a request of a load run is sent, which fixes the answer it must get.</summary>
public enum LoadRequestKind
{
    /// <summary>The phone's code for a step nobody used yet: exactly one of its copies must be accepted.</summary>
    Fresh,

    /// <summary>A second copy of a fresh code, sent at the same time as the first: they race, and only one may win.</summary>
    Duplicate,

    /// <summary>A code that was already accepted, sent again after it was: always refused.</summary>
    Replay,
}

/// <summary>One request of a load run.</summary>
/// <param name="Account">Whose code it carries.</param>
/// <param name="Code">The six digits.</param>
/// <param name="TimeStep">The RFC 6238 time step the code belongs to.</param>
/// <param name="Kind">Why it is sent.</param>
/// <param name="Round">The round it belongs to (0-based).</param>
public sealed record LoadRequest(LoadAccount Account, string Code, long TimeStep, LoadRequestKind Kind, int Round)
{
    /// <summary>The request body as the STSFTW client sends it.</summary>
    public string Body => LoadRig.RequestBody(Account.Name, Code);

    /// <summary>Whether this request may ever be answered 200.</summary>
    public bool MayBeAccepted => Kind != LoadRequestKind.Replay;
}

/// <summary>The answer one request got, and how long it took.</summary>
/// <param name="Request">The request.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Milliseconds">Client-side latency.</param>
/// <param name="CarriedCredentials">True when the body held an access key id.</param>
public sealed record LoadResult(LoadRequest Request, int Status, double Milliseconds, bool CarriedCredentials);
