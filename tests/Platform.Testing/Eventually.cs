namespace Platform.Testing;

public static class Eventually
{
    /// <summary>Polls until the condition holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task AssertAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            await Task.Delay(100);
        }
    }
}
