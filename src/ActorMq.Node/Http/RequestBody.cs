using System.Buffers;
using Microsoft.Extensions.Options;

namespace ActorMq.Node.Http;

/// <summary>Reads a request body into memory, refusing (413) a body over <see cref="HttpApiOptions.MaxRequestBodyBytes"/>.</summary>
internal static class RequestBody
{
    /// <summary>The whole request body.</summary>
    /// <exception cref="ActorMq.Engine.QueueErrorException">The body is over the limit (413).</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpContext http)
    {
        var limit = Math.Min(http.RequestServices.GetRequiredService<IOptions<HttpApiOptions>>().Value.MaxRequestBodyBytes, Array.MaxLength);
        var request = http.Request;
        if (request.ContentLength is { } length && length > limit)
        {
            throw RequestError.TooLarge(length, limit);
        }

        using var content = new MemoryStream((int)Math.Min(request.ContentLength ?? 4096, limit));
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                if (content.Length + read > limit)
                {
                    throw RequestError.TooLarge(null, limit);
                }

                content.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (set from the same option) met first.
            throw RequestError.TooLarge(request.ContentLength, limit);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return content.GetBuffer().AsMemory(0, (int)content.Length);
    }
}
