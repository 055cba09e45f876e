namespace Platform.Messaging.Outbox;

/// <summary>What became of a batch's rows: confirmed, failed (with back-off) or set aside as unreadable.</summary>
internal sealed class BatchOutcome
{
    private readonly Lock _lock = new();
    private List<long> _unmarked = [];
    public int PublishedCount { get; private set; }
    public List<FailedRow> Failed { get; } = [];
    public List<(long Id, string Reason)> Dead { get; } = [];
    /// <summary>A publish itself failed (broker down, timeout): the batch stops starting new ones.</summary>
    public bool BrokerFailed { get; private set; }

    public int UnmarkedCount { get { lock (_lock) return _unmarked.Count; } }

    /// <summary>Rows whose publish ended one way or another (the relay's watchdog sees progress by it).</summary>
    public int SettledCount { get { lock (_lock) return PublishedCount + Failed.Count + Dead.Count; } }

    public void AddPublished(long id)
    {
        lock (_lock)
        {
            _unmarked.Add(id);
            PublishedCount++;
        }
    }

    /// <summary>The rows confirmed since the last call, to be marked published.</summary>
    public long[] TakeUnmarked()
    {
        lock (_lock)
        {
            var ids = _unmarked.ToArray();
            _unmarked = [];
            return ids;
        }
    }

    public void AddDead(long id, string reason) { lock (_lock) Dead.Add((id, reason)); }

    public void AddFailed(FailedRow row, bool broker)
    {
        lock (_lock)
        {
            Failed.Add(row);
            BrokerFailed |= broker;
        }
    }
}
