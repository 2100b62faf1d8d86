using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Defender365Typed.Cli.Settings;

/// <summary>
/// The config file (<c>~/.config/defender365/config.json</c>): the non-secret sign-in settings. <c>auth login</c>
/// writes it; options and environment variables override it. Secrets are never stored here.
/// </summary>
internal sealed class CliConfig
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] SecretKeys = ["clientSecret", "secret", "password", "certificatePassword", "accessToken", "refreshToken"];

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? Cloud { get; set; }

    public string? AuthFlow { get; set; }

    public string? CertificatePath { get; set; }

    public string? CertificatePasswordEnv { get; set; }

    public string? ManagedIdentityClientId { get; set; }

    public string? RedirectUri { get; set; }

    public string? TokenCache { get; set; }

    /// <summary>Reads the file; an absent file is an empty config.</summary>
    /// <exception cref="CliException">The file is not valid JSON or holds a secret.</exception>
    public static CliConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            return new CliConfig();
        }

        try
        {
            string text = File.ReadAllText(path);
            using (JsonDocument doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }))
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw CliException.Usage($"The config file {path} must hold a JSON object.");
                }

                foreach (JsonProperty p in doc.RootElement.EnumerateObject())
                {
                    if (Array.Exists(SecretKeys, k => string.Equals(k, p.Name, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw CliException.Usage(
                            $"The config file {path} holds '{p.Name}': secrets do not belong in it. Remove it and use {EnvironmentNames.ClientSecret} (or a certificate password variable) instead.");
                    }
                }
            }

            return JsonSerializer.Deserialize<CliConfig>(text, Json) ?? new CliConfig();
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"The config file {path} is not valid JSON: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw CliException.Usage($"The config file {path} cannot be read: {ex.Message}");
        }
    }

    public void Save(string path)
    {
        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }
}
