// How the library's native methods read their arguments and name the types they build.
import { ApexId, type TypeName, type Value } from '../../language/values.ts';

export const T = (name: string, ...args: TypeName[]): TypeName => ({ name, args });
/** A String argument (an Id counts as its text). */
export const str = (v: Value): string => (v instanceof ApexId ? v.value : (v as string));
export const int = (v: Value): number => v as number;
