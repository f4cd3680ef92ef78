using System.Net;
using System.Text.RegularExpressions;

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>
/// An HTTP client that reads what a person would: the API with its key, and the dashboard with a session opened once
/// through /signin as a browser does (form, anti-forgery token, cookie). Redirects are not followed, so a page that
/// sends the client to sign in counts as the error it is, not as the sign-in page's 200.
/// </summary>
public sealed partial class ReaderSession : IDisposable
{
    private readonly CookieContainer _cookies = new();

    private ReaderSession(Uri baseAddress, string apiKey)
    {
        // Open loop: never wait for a free connection (the default allows as many as are asked for); PooledConnection
        // defaults are kept, as a browser and a client library would.
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = _cookies, UseCookies = true };
        Http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        Http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    public HttpClient Http { get; }

    /// <summary>The session cookie (and the anti-forgery one), for a browser to start signed in.</summary>
    public IReadOnlyList<Cookie> Cookies => _cookies.GetAllCookies().Cast<Cookie>().ToList();

    public static async Task<ReaderSession> SignInAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
    {
        var session = new ReaderSession(baseAddress, apiKey);
        try
        {
            var form = await session.Http.GetStringAsync(new Uri("/signin", UriKind.Relative), cancellationToken);
            var token = AntiforgeryToken().Match(form) is { Success: true } match
                ? WebUtility.HtmlDecode(match.Groups[1].Value)
                : throw new InvalidOperationException("The sign-in page carries no anti-forgery token.");
            using var content = new FormUrlEncodedContent([new("key", apiKey), new("returnUrl", "/"), new("__RequestVerificationToken", token)]);
            using var response = await session.Http.PostAsync(new Uri("/signin", UriKind.Relative), content, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Redirect || session.Cookies.All(c => c.Name != "solarfleet.session"))
            {
                throw new InvalidOperationException($"Signing in to the dashboard answered {(int)response.StatusCode} without a session.");
            }

            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]*)"[^>]*>""")]
    private static partial Regex AntiforgeryToken();
}
