using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client.Tests;

/// <summary>Records every log line (message and exception text) of the client, MSAL and the emulator, at every level.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    /// <summary>Every line recorded by any provider in this test run.</summary>
    public static ConcurrentQueue<string> SuiteLines { get; } = new();

    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        SuiteLines.Enqueue(line);
    }

    private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string text = $"{logLevel} {category}: {formatter(state, exception)}";
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (KeyValuePair<string, object?> pair in values)
                {
                    text += $" [{pair.Key}={pair.Value}]";
                }
            }

            if (exception is not null)
            {
                text += " " + exception;
            }

            owner.Add(text);
        }
    }
}
