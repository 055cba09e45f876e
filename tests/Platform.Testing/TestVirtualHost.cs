using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>A RabbitMQ virtual host of its own for one test class (queues and exchanges cannot leak between tests).</summary>
public sealed class TestVirtualHost : IAsyncDisposable
{
    public string Name { get; }
    private readonly HttpClient _management;

    private TestVirtualHost(string name, HttpClient management)
    {
        Name = name;
        _management = management;
    }

    public static async Task<TestVirtualHost> CreateAsync(string prefix)
    {
        var name = $"t-{TestDatabase.Sanitize(prefix)}-{Guid.NewGuid():N}";
        var management = CreateManagementClient();
        (await management.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"api/permissions/{name}/{TestEnvironment.RabbitMqUser}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return new TestVirtualHost(name, management);
    }

    public static HttpClient CreateManagementClient()
    {
        var client = new HttpClient { BaseAddress = TestEnvironment.RabbitMqManagement };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestEnvironment.RabbitMqUser}:{TestEnvironment.RabbitMqPassword}")));
        return client;
    }

    /// <summary>Configuration that points a service host at this virtual host.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("RabbitMq:Host", TestEnvironment.RabbitMqHost),
        new("RabbitMq:Port", TestEnvironment.RabbitMqPort.ToString()),
        new("RabbitMq:VirtualHost", Name),
        new("RabbitMq:Username", TestEnvironment.RabbitMqUser),
        new("RabbitMq:Password", TestEnvironment.RabbitMqPassword),
    ];

    /// <summary>Takes (and removes) up to <paramref name="count"/> messages from a queue, with their headers.</summary>
    public Task<IReadOnlyList<JsonElement>> GetMessagesAsync(string queue, int count = 10) =>
        RabbitMqManagement.GetMessagesAsync(_management, Name, queue, count);

    public async ValueTask DisposeAsync()
    {
        try { await _management.DeleteAsync($"api/vhosts/{Name}"); }
        finally { _management.Dispose(); }
    }
}
