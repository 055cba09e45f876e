namespace Platform.Grpc.Client;

/// <summary>Per-call options.</summary>
public readonly record struct CallOptions
{
    public CallOptions() { }

    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>Request metadata.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>Deadline (UTC); sent as grpc-timeout and enforced locally.</summary>
    public DateTime? Deadline { get; init; }

    public CancellationToken CancellationToken { get; init; }

    /// <summary>Compress request messages with this algorithm (e.g. "gzip"); overrides the channel default.</summary>
    public string? Compression { get; init; }

    /// <summary>Overrides the method's idempotency (which allows retries of UNAVAILABLE).</summary>
    public bool? Idempotent { get; init; }

    /// <summary>Options with a deadline <paramref name="timeout"/> from now.</summary>
    public CallOptions WithTimeout(TimeSpan timeout) => this with { Deadline = DateTime.UtcNow + timeout };
}
