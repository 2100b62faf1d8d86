using System;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client.Auth;

/// <summary>What to show the user for a device code sign-in, and the wait for them to finish.</summary>
public sealed class DeviceCodeChallenge
{
    private readonly Func<CancellationToken, Task<DefenderSignIn>> _complete;

    internal DeviceCodeChallenge(string userCode, Uri verificationUri, DateTimeOffset expiresOn, string message, Func<CancellationToken, Task<DefenderSignIn>> complete)
    {
        UserCode = userCode;
        VerificationUri = verificationUri;
        ExpiresOn = expiresOn;
        Message = message;
        _complete = complete;
    }

    /// <summary>The code the user types at <see cref="VerificationUri"/>.</summary>
    public string UserCode { get; }

    /// <summary>The page to open (for example https://microsoft.com/devicelogin).</summary>
    public Uri VerificationUri { get; }

    /// <summary>When the code stops working (15 minutes by default).</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>Entra ID's ready-made instruction text.</summary>
    public string Message { get; }

    /// <summary>Waits until the user has signed in (or declined, or the code expired).</summary>
    /// <exception cref="DefenderAuthenticationException">Declined, expired, or consent missing.</exception>
    public Task<DefenderSignIn> CompleteAsync(CancellationToken cancellationToken = default) => _complete(cancellationToken);
}
