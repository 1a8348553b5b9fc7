using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SreSuite.ServiceDefaults.Hosting;

public static class SettingsValidation
{
    /// <summary>
    /// Runs <paramref name="check"/> when the server starts; an <see cref="InvalidSettingException"/> it throws
    /// ends start-up with its message (which names the setting) instead of a stack trace.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateSettingsOnStart<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(this OptionsBuilder<TOptions> options, Action<TOptions> check)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Services.AddSingleton<IValidateOptions<TOptions>>(new SettingsValidator<TOptions>(options.Name, check));
        return options.ValidateOnStart();
    }

    private sealed class SettingsValidator<TOptions>(string? optionsName, Action<TOptions> check) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            if (optionsName is not null && name != optionsName)
                return ValidateOptionsResult.Skip;
            try
            {
                check(options);
                return ValidateOptionsResult.Success;
            }
            catch (InvalidSettingException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
