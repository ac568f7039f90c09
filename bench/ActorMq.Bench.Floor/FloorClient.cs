using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ActorMq.Bench.Floor;

/// <summary>
/// The client: after <c>--warmup</c> unmeasured requests, sends <c>--n</c> requests paced at <c>--rate</c> a second,
/// each without waiting for the one before (as the latency scenario's publisher does), and prints the round trips'
/// percentiles. HTTP: one <c>HttpClient</c> <c>POST /echo</c> of a 100-byte JSON body per request, on the connections it
/// pools. TCP: 8-byte frames on one connection, their echoes read by one reader.
/// </summary>
internal static class FloorClient
{
    public sealed record Options(int N, int Rate, int Warmup)
    {
        public static Options Parse(string[] args)
        {
            var options = new Options(10_000, 1_000, 30_000);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                options = args[i] switch
                {
                    "--n" => options with { N = value },
                    "--rate" => options with { Rate = value },
                    "--warmup" => options with { Warmup = value },
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }

            return options;
        }
    }

    public static async Task<int> RunAsync(int port, string transport, Options options)
    {
        IRoundTrip roundTrip = transport switch
        {
            "http" => new HttpRoundTrip(port),
            "tcp" => await TcpRoundTrip.ConnectAsync(port + 1),
            _ => throw new ArgumentException($"unknown transport {transport} (http or tcp)"),
        };

        for (var i = 0; i < options.Warmup; i++)
        {
            await roundTrip.SendAsync();
        }

        var took = new double[options.N];
        var pending = new Task[options.N];
        var ticksPerRequest = (double)Stopwatch.Frequency / options.Rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < options.N; i++)
        {
            var due = start + (long)(i * ticksPerRequest);
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(1); // ~1 ms timer, as the latency scenario paces
            }

            pending[i] = TimeAsync(roundTrip, i, took);
        }

        await Task.WhenAll(pending);
        Array.Sort(took);
        string P(double p) => took[Math.Clamp((int)Math.Ceiling(p * took.Length) - 1, 0, took.Length - 1)].ToString("F3", CultureInfo.InvariantCulture);
        Console.WriteLine($"scenario=floor_{transport} n={options.N} rate={options.Rate} p50_ms={P(0.50)} p90_ms={P(0.90)} p99_ms={P(0.99)} p999_ms={P(0.999)} max_ms={P(1)}");
        return 0;
    }

    private static async Task TimeAsync(IRoundTrip roundTrip, int seq, double[] took)
    {
        var sent = Stopwatch.GetTimestamp();
        await roundTrip.SendAsync();
        took[seq] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
    }

    private interface IRoundTrip
    {
        Task SendAsync();
    }

    private sealed class HttpRoundTrip(int port) : IRoundTrip
    {
        private static readonly byte[] Body = System.Text.Encoding.UTF8.GetBytes("{\"body\":\"" + new string('x', 89) + "\"}");
        private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        public async Task SendAsync()
        {
            using var content = new ByteArrayContent(Body);
            content.Headers.ContentType = new("application/json");
            using var response = await _http.PostAsync("/echo", content);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        }
    }

    /// <summary>Frames written under a lock; one reader completes each frame's waiter by its sequence number.</summary>
    private sealed class TcpRoundTrip : IRoundTrip
    {
        private readonly Socket _socket;
        private readonly SemaphoreSlim _write = new(1, 1);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<long, TaskCompletionSource> _waiting = new();
        private long _next;

        private TcpRoundTrip(Socket socket)
        {
            _socket = socket;
            _ = Task.Run(ReadAsync);
        }

        public static async Task<TcpRoundTrip> ConnectAsync(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return new TcpRoundTrip(socket);
        }

        public async Task SendAsync()
        {
            var id = Interlocked.Increment(ref _next);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[id] = done;
            var frame = new byte[Frame.Size];
            BinaryPrimitives.WriteInt64LittleEndian(frame, id);
            await _write.WaitAsync();
            try
            {
                await _socket.SendAsync(frame, SocketFlags.None);
            }
            finally
            {
                _write.Release();
            }

            await done.Task;
        }

        private async Task ReadAsync()
        {
            var frame = new byte[Frame.Size];
            while (await Frame.ReadAsync(_socket, frame))
            {
                if (_waiting.TryRemove(BinaryPrimitives.ReadInt64LittleEndian(frame), out var done))
                {
                    done.SetResult();
                }
            }
        }
    }
}
