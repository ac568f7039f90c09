using System.Diagnostics;

namespace ActorMq.Client;

/// <summary>The subscription's receiver over the node's push stream (<see cref="MessageStream"/>).</summary>
public sealed partial class Subscription
{
    /// <summary>The most credit a stream may hold granted and unused (the node's limit); a larger prefetch long-polls.</summary>
    private const int MaxStreamCredit = 10_000;

    /// <summary>
    /// Receives through push streams until the stop: one at a time, opened again (backing off) when one fails. Credit
    /// slots (<c>_credit</c>) are granted to the stream as they free up; when a stream ends, the slots it was granted and
    /// did not use are taken back for the next one.
    /// </summary>
    private async Task StreamAsync(ActorMqHttpClient http)
    {
        var token = _receiving.Token;
        var backoff = TimeSpan.Zero;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var received = 0;
                Task<int>? granting = null;
                using var ended = CancellationTokenSource.CreateLinkedTokenSource(token);
                try
                {
                    await using var stream = await http.OpenStreamAsync(Queue, Math.Min(_prefetch, MaxReceive), VisibilityTimeout, token).ConfigureAwait(false);
                    granting = GrantAsync(stream, ended.Token);
                    while (true)
                    {
                        var messages = await stream.ReadAsync(token).ConfigureAwait(false);
                        var arrived = Stopwatch.GetTimestamp();
                        backoff = TimeSpan.Zero;
                        foreach (var message in messages)
                        {
                            received++;
                            var delivery = Hold(message, LeaseStart(message, arrived));
                            if (!_waiting.Writer.TryWrite(delivery))
                            {
                                await SettleAsync(delivery, Outcome.Release).ConfigureAwait(false);
                            }
                        }
                    }
                }
                catch (Exception e) when (!token.IsCancellationRequested)
                {
                    Report(SubscriptionErrorSource.Receive, e, null);
                    backoff = NextBackoff(backoff);
                }
                finally
                {
                    await ended.CancelAsync().ConfigureAwait(false);
                    var granted = granting is null ? 0 : await granting.ConfigureAwait(false);
                    if (granted > received)
                    {
                        _credit.Release(granted - received);
                    }
                }

                await Task.Delay(backoff, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _waiting.Writer.TryComplete();
        }
    }

    /// <summary>Grants <paramref name="stream"/> every credit slot that frees up, until <paramref name="ended"/>; returns how many it granted.</summary>
    private async Task<int> GrantAsync(MessageStream stream, CancellationToken ended)
    {
        var total = 0;
        try
        {
            while (true)
            {
                await _credit.WaitAsync(ended).ConfigureAwait(false);
                var slots = 1;
                while (_credit.Wait(0))
                {
                    slots++;
                }

                try
                {
                    await stream.GrantAsync(slots).ConfigureAwait(false);
                }
                catch
                {
                    _credit.Release(slots);
                    throw;
                }

                total += slots;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ActorMqException)
        {
            // The stream ended or broke; its reader sees that too.
            return total;
        }
    }

    /// <summary>
    /// The <see cref="Stopwatch"/> timestamp the lease of <paramref name="message"/> began, from its expiry and the
    /// visibility timeout asked for, kept within the lease period before its arrival (clocks of two machines differ).
    /// </summary>
    private long LeaseStart(ReceivedMessage message, long arrived)
    {
        var age = DateTimeOffset.UtcNow - (message.Lease.ExpiresAt - VisibilityTimeout);
        var clamped = age < TimeSpan.Zero ? TimeSpan.Zero : age > VisibilityTimeout ? VisibilityTimeout : age;
        return arrived - (long)(clamped.TotalSeconds * Stopwatch.Frequency);
    }
}
