using System;
using System.Collections.Generic;

namespace Defender365Typed.Client;

/// <summary>One page of incidents, with the link to the next page (a checkpoint to resume from).</summary>
/// <typeparam name="T">The incident model.</typeparam>
/// <param name="Items">The incidents on this page.</param>
/// <param name="Source">The link this page was read from.</param>
/// <param name="NextLink">The next page, or null after the last.</param>
public sealed record IncidentPage<T>(IReadOnlyList<T> Items, Uri Source, Uri? NextLink);
