import { useAppServices } from '../../app/AppServices.ts';

export function useLocalDatabaseName(): string {
  return useAppServices().db.name;
}
