using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Events.Territory.V1;
using Platform.Messaging.Inbox;
using Platform.Territory.Persistence;

namespace Platform.Territory.Messaging;

/// <summary>
/// Keeps a service's copy of the register: a newer version replaces the copy in the inbox's transaction;
/// the same or an older one (a redelivery, an import that changed nothing, events out of order) is ignored.
/// </summary>
public sealed class TerritorialRegisterChangedConsumer<TContext>(
    TContext db, ITerritoryRegisterStore store, TerritoryRegisterCache cache, ILogger<TerritorialRegisterChangedConsumer<TContext>> logger)
    : IdempotentConsumer<TerritorialRegisterChanged, TContext>(db, logger)
    where TContext : DbContext
{
    protected override string ConsumerName => "TerritorialRegisterChangedConsumer";

    protected override async Task HandleAsync(ConsumeContext<TerritorialRegisterChanged> context)
    {
        var m = context.Message;
        var held = await store.GetVersionAsync(context.CancellationToken);
        if (held is not null && held.Version >= m.Version) return;
        await store.ReplaceAsync(m.Units.Select(RegisterMappers.FromEvent).ToList(), new RegisterVersion(m.Version, m.StateAsOf), context.CancellationToken);
        cache.Invalidate();
        logger.LogInformation("TERYT register copy replaced by version {Version} ({Units} units, state as of {StateAsOf})", m.Version, m.Units.Count, m.StateAsOf);
    }
}
