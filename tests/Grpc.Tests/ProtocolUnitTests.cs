using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Grpc.Client;

namespace Platform.Grpc.Tests;

public sealed class ProtocolUnitTests
{
    [Theory]
    [InlineData("4970m", 4970 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1H", TimeSpan.TicksPerHour)]
    [InlineData("2M", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("3S", 3 * TimeSpan.TicksPerSecond)]
    [InlineData("5u", 50)]
    [InlineData("100n", 1)]
    [InlineData("99999999S", 99999999 * TimeSpan.TicksPerSecond)]
    public void Parses_grpc_timeout(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("123456789S")]
    [InlineData("5x")]
    [InlineData("-5S")]
    public void Rejects_bad_grpc_timeout(string value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Fact]
    public void Formats_grpc_timeout_within_8_digits()
    {
        foreach (var t in new[] { TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromDays(3), TimeSpan.FromDays(10000) })
        {
            var text = GrpcTimeout.Format(t);
            Assert.True(text.Length <= 9, text);
            Assert.True(GrpcTimeout.TryParse(text, out var parsed));
            Assert.True(parsed >= t, text);
        }
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("ż", "%C5%BC")]
    [InlineData("a\nb", "a%0Ab")]
    public void Percent_encodes_grpc_message(string raw, string encoded)
    {
        Assert.Equal(encoded, PercentEncoding.Encode(raw));
        Assert.Equal(raw, PercentEncoding.Decode(encoded));
    }

    [Fact]
    public void Percent_decoding_keeps_invalid_escapes() => Assert.Equal("50%zz%", PercentEncoding.Decode("50%zz%"));

    [Fact]
    public void Metadata_rejects_bad_keys()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("bad key", "v"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-bin", "text"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-text", [1]));
        Assert.Equal("x-upper", new Metadata().Add("X-Upper", "v")[0].Key);
    }

    [Fact]
    public void Add_grpc_client_reads_address_from_configuration()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GrpcClients:catalogue:Address"] = "http://catalogue:8081" })
            .Build());
        services.AddGrpcClient<CatalogueClient>("catalogue");
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<CatalogueClient>();
        Assert.Equal(new Uri("http://catalogue:8081"), client.Channel.Address);
        Assert.Same(client.Channel, provider.GetRequiredKeyedService<GrpcChannel>("catalogue"));
        Assert.Same(client.Channel, provider.GetRequiredService<IGrpcChannelFactory>().GetChannel("catalogue"));
    }

    [Fact]
    public void Add_grpc_client_without_address_fails_clearly()
    {
        var services = new ServiceCollection();
        services.AddGrpcClient("missing");
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IGrpcChannelFactory>().GetChannel("missing"));
        Assert.Contains("GrpcClients:missing:Address", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deadline_firing_after_the_request_context_is_gone_is_still_recorded()
    {
        // The deadline timer can fire while the call is ending and Kestrel recycles the
        // HttpContext. The timer callback once read that context: it threw on the timer thread
        // (crashing the process) and never signalled the deadline.
        var httpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var options = new ResolvedServerOptions(new GrpcServerOptions(), [], Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var method = new ServerMethodInfo(Infrastructure.TestServiceImpl.Descriptor.FindMethodByName("Echo"), options);
        var call = new ServerCallContext(httpContext, method, null);
        call.SetDeadline(TimeSpan.FromMilliseconds(100));
        httpContext.Uninitialize(); // what Kestrel does with a finished request's context
        await call.DeadlineTask.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(call.DeadlineExpired);
        Assert.True(call.CancellationToken.IsCancellationRequested);
        call.DisposeCall();
    }

    public sealed class CatalogueClient(GrpcChannel channel)
    {
        public GrpcChannel Channel { get; } = channel;
    }
}
