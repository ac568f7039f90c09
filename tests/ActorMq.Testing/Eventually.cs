namespace ActorMq.Testing;

/// <summary>Bounded polling for a condition that becomes true in the node's own time.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds; fails after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string? what = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"not true within {timeout.TotalSeconds} s: {what ?? "condition"}");
            }

            await Task.Delay(100);
        }
    }
}
