using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using SolarFleet.Grains.Alerts;
using SolarFleet.Webhooks.Payload;

namespace SolarFleet.Webhooks.Http;

/// <summary>
/// Sends one attempt of one delivery: the JSON body, signed, with the delivery id in a header. Reads only the status
/// of the answer, never its body. Failures come back as an <see cref="AttemptOutcome"/>; only the caller's
/// cancellation throws.
/// </summary>
internal sealed class WebhookSender(HttpClient client, TimeProvider time, TimeSpan timeout)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public async Task<AttemptOutcome> SendAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var sentAt = time.GetUtcNow();
        var body = WebhookJson.Serialize(WebhookPayload.For(delivery.Transition, sentAt));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Create(endpoint.Secret, sentAt.ToUnixTimeSeconds(), body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Transition.DeliveryId);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode
                ? AttemptOutcome.Delivered
                : AttemptOutcome.Failed(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AttemptOutcome.Failed($"timed out after {timeout}");
        }
        catch (HttpRequestException error)
        {
            return Describe(error);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Whatever else went wrong is this attempt's failure, not the dispatcher's.
            return AttemptOutcome.Failed($"request failed ({error.GetType().Name})");
        }
    }

    private static AttemptOutcome Describe(HttpRequestException error)
    {
        for (Exception? cause = error; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case WebhookTargetRefusedException refused:
                    return AttemptOutcome.Refused(refused.Message);
                case SocketException socket:
                    return AttemptOutcome.Failed(socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused",
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                        SocketError.TimedOut => "connect timed out",
                        _ => $"network error ({socket.SocketErrorCode})",
                    });
                case TimeoutException or OperationCanceledException:
                    return AttemptOutcome.Failed("connect timed out");
                case AuthenticationException:
                    return AttemptOutcome.Failed("TLS handshake failed");
            }
        }

        return AttemptOutcome.Failed(error.HttpRequestError == HttpRequestError.Unknown ? "request failed" : $"request failed ({error.HttpRequestError})");
    }
}
