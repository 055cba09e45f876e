using BuildingBlocks.Tests.Notes.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;

namespace BuildingBlocks.Tests.Notes;

/// <summary>Each text of Write stands for one way a use case can end, so the tests see how the shared hosting maps it.</summary>
public sealed class NotesGrpcService(IServiceProvider services) : NotesApi.NotesApiBase
{
    public const string SecretText = "/var/lib/secret/path";

    public override async Task<WriteReply> Write(WriteRequest request, ServerCallContext context)
    {
        switch (request.Text)
        {
            case "invalid": throw ValidationFailedException.Single("delayMs", "Pole jest wymagane.");
            case "missing": throw new NotFoundException("Nie znaleziono notatki.");
            case "conflict": throw new ConcurrencyConflictException("Notatkę zmienił ktoś inny.", 7);
            case "boom": throw new InvalidOperationException("failed at " + SecretText);
        }
        var caller = PlatformCaller.From(context.User);
        if (request.Unit.Length > 0) caller.DemandWrite(request.Unit, "dodać notatkę", PlatformRoles.Planner);
        if (request.DelayMs > 0) await Task.Delay(request.DelayMs, context.CancellationToken);
        return new WriteReply
        {
            Text = request.Text, Caller = caller.Subject ?? "", Roles = { caller.Roles.Order() },
            HadDeadline = context.Deadline < DateTime.MaxValue,
        };
    }

    public override async Task<UploadReply> Upload(IAsyncStreamReader<UploadChunk> requestStream, ServerCallContext context)
    {
        var lines = 0;
        while (await requestStream.MoveNext(context.CancellationToken)) lines += requestStream.Current.Lines.Count;
        return new UploadReply { Lines = lines };
    }

    public override async Task Export(ExportRequest request, IServerStreamWriter<ExportPage> responseStream, ServerCallContext context)
    {
        for (var i = 1; i <= request.Pages; i++)
        {
            if (request.DelayMs > 0) await Task.Delay(request.DelayMs, context.CancellationToken);
            await responseStream.WriteAsync(new ExportPage { Number = i }, context.CancellationToken);
        }
    }

    public override Task<WriteReply> Relay(WriteRequest request, ServerCallContext context) =>
        // Resolved per call: the tests configure the peer's address once the host knows its own port.
        services.GetRequiredService<NotesApi.NotesApiClient>().WriteAsync(request, cancellationToken: context.CancellationToken).ResponseAsync;
}
