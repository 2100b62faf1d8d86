using System;

namespace Defender365Typed.Client.Auth;

/// <summary>
/// Sign-in or a token request failed. <see cref="Kind"/> says what to do; <see cref="AadstsCode"/> is
/// Entra ID's own code. The message never contains a token, secret or password.
/// </summary>
public sealed class DefenderAuthenticationException : DefenderException
{
    /// <summary>Creates an exception.</summary>
    public DefenderAuthenticationException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DefenderAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public DefenderAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a classified exception.</summary>
    public DefenderAuthenticationException(string message, AuthFailureKind kind, int? aadstsCode, string? errorCode, string? requiredPermission, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
        AadstsCode = aadstsCode;
        ErrorCode = errorCode;
        RequiredPermission = requiredPermission;
    }

    /// <summary>What went wrong, as something to act on.</summary>
    public AuthFailureKind Kind { get; }

    /// <summary>The AADSTS number, e.g. 700082.</summary>
    public int? AadstsCode { get; }

    /// <summary>The OAuth or MSAL error code, e.g. invalid_grant.</summary>
    public string? ErrorCode { get; }

    /// <summary>For consent problems, the permissions the app needs for the API it asked for.</summary>
    public string? RequiredPermission { get; }

    /// <summary>Whether running the sign-in again (device code or authorization code start) is the fix.</summary>
    public bool RequiresSignIn => Kind is AuthFailureKind.SignInRequired or AuthFailureKind.CodeExpired or AuthFailureKind.TokenRejected
        or AuthFailureKind.InvalidAuthorizationCode;
}
