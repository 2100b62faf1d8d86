using System;
using System.Threading.Tasks;
using Defender365Typed.Cli;

return await CliApplication.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
