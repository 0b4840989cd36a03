using System;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Analyzers.Infrastructure;

/// <summary>
/// The PLAT4001 heuristics. Low false positives are the point: a name must say "secret" and the value must look
/// like a real credential (not empty, not a placeholder, not a configuration key, URL or file path).
/// </summary>
internal static class SecretHeuristics
{
    private static readonly string[] SecretNameSuffixes =
    {
        "password", "passwd", "pwd", "passphrase", "secret", "apikey", "accesskey", "accountkey", "privatekey",
        "secretkey", "signingkey", "encryptionkey", "sharedaccesskey", "token", "credential", "credentials",
    };

    private static readonly string[] NonSecretTokenNames =
    {
        "cancellationtoken", "continuationtoken", "nexttoken", "pagetoken", "nextpagetoken", "synctoken", "resumetoken",
    };

    private static readonly string[] ConnectionNameSuffixes = { "connectionstring", "connstring", "connstr", "connection" };

    private static readonly string[] CredentialKeys =
    {
        "password", "pwd", "accountkey", "sharedaccesskey", "sharedaccesssignature", "accesskey", "clientsecret", "apikey",
    };

    private static readonly string[] PlaceholderWords =
    {
        "password", "passwd", "secret", "token", "apikey", "key", "changeme", "changeit", "placeholder", "example", "sample",
        "dummy", "fake", "test", "todo", "tbd", "replace", "replaceme", "redacted", "notset", "none", "null", "undefined",
        "empty", "default", "secretvalue", "mysecret", "mypassword",
    };

    private static readonly Regex ConfigurationKey = new(@"^[A-Za-z_][\w.\-]*(:[\w.\-]+)+$", RegexOptions.CultureInvariant);
    private static readonly Regex EnvironmentStyleKey = new(@"^([A-Z]+|[A-Z][A-Z0-9]*(_[A-Z0-9]+)+|\w+(__\w+)+)$", RegexOptions.CultureInvariant);
    private static readonly Regex DottedIdentifier = new(@"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$", RegexOptions.CultureInvariant);
    private static readonly Regex HeaderName = new(@"^X-[A-Za-z0-9\-]+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex Template = new(@"\$\{|\$\(|\{\{|\{[^}]*\}|%[A-Za-z_][A-Za-z0-9_]*%|^#\{", RegexOptions.CultureInvariant);
    private static readonly Regex UrlScheme = new(@"^[A-Za-z][A-Za-z0-9+.\-]*://", RegexOptions.CultureInvariant);
    private static readonly Regex UrlWithPassword = new(@"^[A-Za-z][A-Za-z0-9+.\-]*://[^/@\s]*:[^/@\s]+@", RegexOptions.CultureInvariant);

    private static readonly Regex OnlyWords = new(@"^[A-Za-z _\-.]+$", RegexOptions.CultureInvariant);

    public const int MinimumSecretLength = 6;

    public static bool IsSecretName(string name)
    {
        var normalized = Normalize(name);
        if (Array.IndexOf(NonSecretTokenNames, normalized) >= 0)
        {
            return false;
        }

        foreach (var suffix in SecretNameSuffixes)
        {
            if (normalized.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsConnectionName(string name)
    {
        var normalized = Normalize(name);
        foreach (var suffix in ConnectionNameSuffixes)
        {
            if (normalized.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A value assigned to a secret-named target that looks like a real secret.</summary>
    public static bool LooksLikeSecretValue(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length < MinimumSecretLength || trimmed.IndexOfAny(new[] { ' ', '\t', '\r', '\n' }) >= 0)
        {
            return false;
        }

        if (UrlScheme.IsMatch(trimmed) || (trimmed.IndexOf('=') > 0 && trimmed.IndexOf(';') > 0))
        {
            return CarriesCredential(trimmed);
        }

        if (trimmed.StartsWith("eyJ", StringComparison.Ordinal))
        {
            return true; // a JWT
        }

        return !IsPlaceholder(trimmed) && !IsKeyOrPath(trimmed) && !IsSecretsName(trimmed);
    }

    /// <summary>A connection string (key=value;…) or URL that carries a credential with a real-looking value.</summary>
    public static bool CarriesCredential(string value)
    {
        var trimmed = value.Trim();
        if (UrlScheme.IsMatch(trimmed))
        {
            if (!UrlWithPassword.IsMatch(trimmed))
            {
                return false;
            }

            var colon = trimmed.IndexOf(':', trimmed.IndexOf("://", StringComparison.Ordinal) + 3);
            var at = trimmed.IndexOf('@');
            return colon >= 0 && at > colon && !IsPlaceholder(trimmed.Substring(colon + 1, at - colon - 1));
        }

        foreach (var part in trimmed.Split(';'))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = Normalize(part.Substring(0, equals));
            var credential = part.Substring(equals + 1).Trim().Trim('\'', '"');
            if (Array.IndexOf(CredentialKeys, key) >= 0 && credential.Length > 0 && !IsPlaceholder(credential))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsPlaceholder(string value)
    {
        if (value.Length == 0 || (value.StartsWith("<", StringComparison.Ordinal) && value.EndsWith(">", StringComparison.Ordinal)) ||
            (value.StartsWith("[", StringComparison.Ordinal) && value.EndsWith("]", StringComparison.Ordinal)) ||
            Template.IsMatch(value))
        {
            return true;
        }

        var allSame = true;
        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] != value[0])
            {
                allSame = false;
                break;
            }
        }

        if (allSame)
        {
            return true; // "xxxxxx", "******"
        }

        var letters = Normalize(value);
        if (letters.Length == 0)
        {
            return false;
        }

        if (letters.Contains("changeme") || letters.Contains("placeholder") || letters.Contains("replaceme"))
        {
            return true;
        }

        // "your-api-key", "YOUR_PASSWORD_HERE", "<insert secret>": an instruction, only words. "YourStrong(!)Passw0rd"
        // has digits or symbols: it is a working password that only starts like one.
        if ((letters.StartsWith("your", StringComparison.Ordinal) || letters.StartsWith("insert", StringComparison.Ordinal) ||
             letters.StartsWith("enter", StringComparison.Ordinal)) && OnlyWords.IsMatch(value))
        {
            return true;
        }

        return Array.IndexOf(PlaceholderWords, letters) >= 0;
    }

    /// <summary>
    /// The NAME of a token or key, not its value: <c>const string AccessToken = "access_token"</c> (passed to
    /// GetTokenAsync), <c>UserAccessToken = "user_token"</c> (a storage key), <c>"refresh-token"</c>, <c>"AccessToken"</c>.
    /// Lower-case words joined by '_', '-' or '.', or PascalCase/camelCase words, where one word says what it names.
    /// Real secrets are random: they do not read as a few dictionary words.
    /// </summary>
    public static bool IsSecretsName(string value)
    {
        if (!SecretsName.IsMatch(value))
        {
            return false;
        }

        foreach (var word in Words(value))
        {
            if (Array.IndexOf(NamingWords, word) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly Regex SecretsName = new(
        @"^([a-z]+([_\-.][a-z0-9]+)*|[A-Z]?[a-z]+([A-Z][a-z]+)*|[A-Z]+(_[A-Z0-9]+)+)$", RegexOptions.CultureInvariant);

    private static readonly string[] NamingWords =
    {
        "token", "tokens", "key", "secret", "password", "pwd", "passwd", "credential", "credentials", "apikey", "bearer", "jwt", "session", "cookie",
    };

    private static string[] Words(string value)
    {
        var parts = new System.Collections.Generic.List<string>();
        var current = new StringBuilder();
        foreach (var c in value)
        {
            if (c is '_' or '-' or '.' || (char.IsUpper(c) && current.Length > 0 && !char.IsUpper(current[current.Length - 1])))
            {
                if (current.Length > 0)
                {
                    parts.Add(current.ToString().ToLowerInvariant());
                    current.Clear();
                }

                if (c is '_' or '-' or '.')
                {
                    continue;
                }
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            parts.Add(current.ToString().ToLowerInvariant());
        }

        return parts.ToArray();
    }

    private static bool IsKeyOrPath(string value) =>
        ConfigurationKey.IsMatch(value) ||
        EnvironmentStyleKey.IsMatch(value) ||
        DottedIdentifier.IsMatch(value) ||
        HeaderName.IsMatch(value) ||
        value.StartsWith("/", StringComparison.Ordinal) ||
        value.StartsWith("./", StringComparison.Ordinal) ||
        value.StartsWith("~/", StringComparison.Ordinal) ||
        value.IndexOf('\\') >= 0 ||
        value.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) ||
        value.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) ||
        value.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Lower-case letters and digits only: "Api_Key" and "api-key" both become "apikey".</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
