import { FileInput, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { Controller, type Control, type FieldErrors, type Path, type PathValue, type UseFormRegister, type UseFormSetValue } from 'react-hook-form';
import type { CredentialValues } from './credential-form';
import type { FieldSpec } from './provider-fields';

type Values = Pick<CredentialValues, 'secret' | 'settings'>;

function errorAt(errors: FieldErrors<Values>, path: string): string | undefined {
  const [group, key] = path.split('.') as ['secret' | 'settings', string];
  return (errors[group] as Record<string, { message?: string }> | undefined)?.[key]?.message;
}

/**
 * The provider's credential and settings inputs (create and rotate forms); secrets are masked
 * and never autofilled. Field paths come from provider-fields.ts, hence the Path casts.
 */
export function CredentialFields<T extends Values>({ fields, register, control, setValue, errors }: {
  fields: FieldSpec[];
  register: UseFormRegister<T>;
  control: Control<T>;
  setValue: UseFormSetValue<T>;
  errors: FieldErrors<T>;
}) {
  return (
    <Stack gap="sm">
      {fields.map((field) => {
        const path = field.path as Path<T>;
        const common = {
          label: field.label,
          description: field.description,
          placeholder: field.placeholder,
          withAsterisk: field.required,
          error: errorAt(errors as FieldErrors<Values>, field.path),
        };
        if (field.kind === 'secret') return <PasswordInput key={field.path} {...common} autoComplete="new-password" {...register(path)} />;
        if (field.kind === 'select') {
          return (
            <Controller
              key={field.path}
              control={control}
              name={path}
              render={({ field: f }) => <Select {...common} data={field.options ?? []} value={(f.value as string) || null} onChange={(v) => f.onChange(v ?? '')} clearable />}
            />
          );
        }
        if (field.kind === 'file') {
          return (
            <FileInput
              key={field.path}
              {...common}
              accept="application/json,.json"
              clearable
              placeholder="Choose a .json file"
              onChange={async (file) => setValue(path, (file ? await file.text() : '') as PathValue<T, Path<T>>, { shouldValidate: true })}
            />
          );
        }
        return <TextInput key={field.path} {...common} {...register(path)} />;
      })}
    </Stack>
  );
}
