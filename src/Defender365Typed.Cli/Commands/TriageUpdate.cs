using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client;
using Defender365Typed.Cli.Settings;

namespace Defender365Typed.Cli.Commands;

/// <summary>
/// The one flow of <c>incidents update</c>, <c>incidents close</c> and <c>alerts update</c>: check the options before
/// anything is sent, send the update (the client validates it; its refusal is a usage error), and add the comment only
/// after the update succeeded, so a refused update never leaves a comment behind.
/// </summary>
/// <typeparam name="T">What the service answers the update with.</typeparam>
internal sealed class TriageUpdate<T>
{
    /// <summary>"alert" or "incident", as the messages name it.</summary>
    public required string Noun { get; init; }

    public required string Id { get; init; }

    /// <summary>Whether there is anything to send besides the comment; false and no comment is a usage error.</summary>
    public bool Changes { get; init; } = true;

    /// <summary>The options that change something, for the "Nothing to update" message.</summary>
    public string? ChangeOptions { get; init; }

    public string? Comment { get; init; }

    /// <summary>A determination was given without its classification (checked here, so the message names the options).</summary>
    public bool DeterminationWithoutClassification { get; init; }

    public required Func<DefenderClient, CancellationToken, Task<T>> Send { get; init; }

    /// <summary>The line printed after the update.</summary>
    public required Func<T, string> Describe { get; init; }

    public required Func<DefenderClient, CancellationToken, Task<IReadOnlyList<IncidentComment>>> AddComment { get; init; }

    /// <exception cref="CliException">A usage error (exit 2); nothing was sent.</exception>
    public async Task<int> RunAsync(CliRun run, ParseResult parse, ConnectionOptions connection, CancellationToken cancellationToken)
    {
        if (!Changes && Comment is null)
        {
            throw CliException.Usage($"Nothing to update: give {ChangeOptions}.");
        }

        if (Comment is not null && string.IsNullOrWhiteSpace(Comment))
        {
            throw CliException.Usage("--comment is empty; nothing was sent.");
        }

        if (DeterminationWithoutClassification)
        {
            throw CliException.Usage("--determination needs the --classification it belongs to; nothing was sent.");
        }

        using Connection conn = await Connection.OpenAsync(run, parse, connection, cancellationToken);
        if (Changes)
        {
            T updated;
            try
            {
                updated = await Send(conn.Client, cancellationToken); // validated before sending
            }
            catch (ArgumentException ex)
            {
                throw CliException.Usage(ex.Message.Replace(" (Parameter 'update')", string.Empty, StringComparison.Ordinal) + " Nothing was sent.");
            }

            await run.Out.WriteLineAsync(Describe(updated));
        }

        if (Comment is not null)
        {
            IReadOnlyList<IncidentComment> comments = await AddComment(conn.Client, cancellationToken);
            await run.Out.WriteLineAsync($"Added a comment to {Noun} {Id} ({comments.Count} comments).");
        }

        return ExitCodes.Ok;
    }
}
